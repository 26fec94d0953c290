package wire

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// Listen opens a TCP listener on addr. When the port is taken it says so in
// one line that names the port and the way out, since the likeliest cause
// is a real Redis already on 6379.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is already in use (is Redis running?); pick another address with -addr", addr)
	}
	return ln, err
}
