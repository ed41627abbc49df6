// Package ws is a minimal WebSocket client (RFC 6455), enough to listen to
// a LiveReload server: the opening handshake, masked text frames out,
// unmasked text frames in, pings answered, close honoured. No extensions,
// no fragmented messages bigger than memory, no TLS.
//
// It imports the standard library only.
package ws

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Conn is an open WebSocket connection. Read from one goroutine only.
type Conn struct {
	c net.Conn
	r *bufio.Reader
}

// Dial opens ws://host:port/path.
func Dial(ctx context.Context, rawURL string) (*Conn, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "ws" {
		return nil, fmt.Errorf("websocket url %q: want ws://host:port/path", rawURL)
	}
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, fmt.Errorf("websocket %s: %w", rawURL, err)
	}
	conn := &Conn{c: c, r: bufio.NewReader(c)}
	if err := conn.handshake(u); err != nil {
		c.Close()
		return nil, fmt.Errorf("websocket %s: %w", rawURL, err)
	}
	return conn, nil
}

const guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

func (conn *Conn) handshake(u *url.URL) error {
	var nonce [16]byte
	rand.Read(nonce[:])
	key := base64.StdEncoding.EncodeToString(nonce[:])
	req := "GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host +
		"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
		"\r\nSec-WebSocket-Version: 13\r\nOrigin: http://" + u.Host + "\r\n\r\n"
	if _, err := io.WriteString(conn.c, req); err != nil {
		return err
	}
	res, err := http.ReadResponse(conn.r, nil)
	if err != nil {
		return fmt.Errorf("reading the handshake answer: %w", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSwitchingProtocols {
		return fmt.Errorf("handshake refused: %s", res.Status)
	}
	if got := res.Header.Get("Sec-WebSocket-Accept"); got != acceptKey(key) {
		return fmt.Errorf("handshake answer has a wrong Sec-WebSocket-Accept %q", got)
	}
	return nil
}

func acceptKey(key string) string {
	h := sha1.Sum([]byte(key + guid))
	return base64.StdEncoding.EncodeToString(h[:])
}

// Close closes the connection without the closing handshake.
func (conn *Conn) Close() error { return conn.c.Close() }

// WriteText sends one text message.
func (conn *Conn) WriteText(p []byte) error { return conn.writeFrame(0x1, p) }

func (conn *Conn) writeFrame(op byte, p []byte) error {
	hdr := []byte{0x80 | op}
	switch n := len(p); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n <= 0xFFFF:
		hdr = append(hdr, 0x80|126)
		hdr = binary.BigEndian.AppendUint16(hdr, uint16(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	hdr = append(hdr, mask[:]...)
	body := make([]byte, len(p))
	for i := range p {
		body[i] = p[i] ^ mask[i%4]
	}
	_, err := conn.c.Write(append(hdr, body...))
	return err
}

// ErrClosed is returned by ReadText once the server closed the connection.
var ErrClosed = errors.New("websocket closed by the server")

// ReadText returns the next text (or binary) message, answering pings on
// the way and joining fragments.
func (conn *Conn) ReadText() ([]byte, error) {
	var msg []byte
	for {
		fin, op, p, err := conn.readFrame()
		if err != nil {
			return nil, err
		}
		switch op {
		case 0x8:
			return nil, ErrClosed
		case 0x9:
			if err := conn.writeFrame(0xA, p); err != nil {
				return nil, err
			}
			continue
		case 0xA:
			continue
		}
		msg = append(msg, p...)
		if fin {
			return msg, nil
		}
	}
}

// maxFrame bounds a frame's size: a LiveReload message is a few hundred bytes.
const maxFrame = 16 << 20

func (conn *Conn) readFrame() (fin bool, op byte, p []byte, err error) {
	var h [2]byte
	if _, err = io.ReadFull(conn.r, h[:]); err != nil {
		return false, 0, nil, err
	}
	fin, op = h[0]&0x80 != 0, h[0]&0x0F
	n, err := conn.length(h[1] & 0x7F)
	if err != nil {
		return false, 0, nil, err
	}
	var mask [4]byte
	if h[1]&0x80 != 0 { // servers should not mask, but may
		if _, err = io.ReadFull(conn.r, mask[:]); err != nil {
			return false, 0, nil, err
		}
	}
	p = make([]byte, n)
	if _, err = io.ReadFull(conn.r, p); err != nil {
		return false, 0, nil, err
	}
	if h[1]&0x80 != 0 {
		for i := range p {
			p[i] ^= mask[i%4]
		}
	}
	return fin, op, p, nil
}

func (conn *Conn) length(b byte) (uint64, error) {
	n := uint64(b)
	switch b {
	case 126:
		var x [2]byte
		if _, err := io.ReadFull(conn.r, x[:]); err != nil {
			return 0, err
		}
		n = uint64(binary.BigEndian.Uint16(x[:]))
	case 127:
		var x [8]byte
		if _, err := io.ReadFull(conn.r, x[:]); err != nil {
			return 0, err
		}
		n = binary.BigEndian.Uint64(x[:])
	}
	if n > maxFrame {
		return 0, fmt.Errorf("frame of %d bytes is over the %d-byte limit", n, maxFrame)
	}
	return n, nil
}

// String names the connection's peer, for messages.
func (conn *Conn) String() string { return strings.TrimSpace(conn.c.RemoteAddr().String()) }
