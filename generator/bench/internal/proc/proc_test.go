package proc

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Status
		wantErr string
	}{
		{
			name: "a real status file",
			in: "Name:\thugo\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 5040212 kB\nVmSize:\t 4971608 kB\n" +
				"VmLck:\t       0 kB\nVmHWM:\t 3479552 kB\nVmRSS:\t 3012100 kB\nRssAnon:\t 2998000 kB\nThreads:\t14\n",
			want: Status{VmHWM: 3479552 * 1024, VmRSS: 3012100 * 1024},
		},
		{name: "no memory lines (zombie)", in: "Name:\tx\nState:\tZ (zombie)\n", wantErr: "no VmHWM"},
		{name: "unit other than kB", in: "VmHWM:\t 12 MB\n", wantErr: "want a number of kB"},
		{name: "not a number", in: "VmHWM:\t lots kB\n", wantErr: "want a number of kB"},
		{name: "VmHWMx is another key", in: "VmHWMx:\t 1 kB\nVmHWM:\t 2 kB\n", want: Status{VmHWM: 2048}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseStatus(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseStatus = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestReadStatusOfThisProcess(t *testing.T) {
	st, err := ReadStatus(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if st.VmHWM < st.VmRSS || st.VmRSS <= 0 {
		t.Errorf("implausible status of a running test: %+v", st)
	}
}

func TestRunReportsTheFailingCommandsStderr(t *testing.T) {
	_, err := Run(context.Background(), "", "sh", "-c", "echo 'no such page' >&2; exit 3")
	if err == nil || !strings.Contains(err.Error(), "no such page") {
		t.Fatalf("err = %v, want it to quote stderr", err)
	}
	s, err := Run(context.Background(), "", "sh", "-c", "echo hi")
	if err != nil || s.Stdout != "hi\n" || s.MaxRSS <= 0 || s.Wall <= 0 {
		t.Fatalf("Run = %+v, %v", s, err)
	}
}
