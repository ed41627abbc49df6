package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuJar finds the Nu HTML Checker: $VNU_JAR, or the copy .ci/run installs
// under .ci/node_modules. It skips the test without one, except under
// CI=true where the check is required.
func vnuJar(t *testing.T) (java, jar string) {
	t.Helper()
	root, _ := findRoot()
	jar = os.Getenv("VNU_JAR")
	if jar == "" {
		jar = filepath.Join(root, ".ci", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	}
	java, err := exec.LookPath("java")
	_, jarErr := os.Stat(jar)
	if err == nil && jarErr == nil {
		return java, jar
	}
	msg := "HTML validation needs Java and the Nu HTML Checker: run .ci/run once (it installs them), or set VNU_JAR=/path/to/vnu.jar"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: required)")
	}
	t.Skip(msg)
	return "", ""
}

// TestHTMLIsValid writes every page of the repository's site and runs the
// Nu HTML Checker (the W3C's validator) over them: no errors allowed.
func TestHTMLIsValid(t *testing.T) {
	java, jar := vnuJar(t)
	s := builtSite(t)
	if s.Diags.HasErrors() {
		t.Skip("the site does not build")
	}
	dir := t.TempDir()
	var pages []string
	for _, p := range s.Files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		f, _ := s.Files.Get(p)
		out := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(out), 0o755)
		if err := os.WriteFile(out, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, out)
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "gnu"}, pages...)
	out, err := exec.Command(java, args...).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("the HTML checker reports problems in %d pages:\n%s", len(pages), strings.ReplaceAll(string(out), dir+"/", ""))
	}
}
