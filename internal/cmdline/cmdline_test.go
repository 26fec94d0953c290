package cmdline

import (
	"flag"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMain lets a test run this test binary as a small command: with
// CMDLINE_MAIN set it defines one flag, checks it and exits as a chapter's
// main would.
func TestMain(m *testing.M) {
	if os.Getenv("CMDLINE_MAIN") == "" {
		os.Exit(m.Run())
	}
	flag.CommandLine = flag.NewFlagSet("chapter", flag.ExitOnError)
	hz := flag.Int("hz", 10, "timed work per second")
	os.Args = append([]string{"chapter"}, os.Args[1:]...)
	Parse()
	Require(*hz >= 1 && *hz <= 500, "hz", "must be 1 to 500")
	os.Exit(0)
}

func run(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CMDLINE_MAIN=1")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return string(out), exit.ExitCode()
	}
	require.NoError(t, err)
	return string(out), 0
}

func TestStrayArgumentIsRefusedWithUsage(t *testing.T) {
	out, code := run(t, "6380")
	require.Equal(t, 2, code, out)
	require.Contains(t, out, `unexpected argument "6380"`)
	require.Contains(t, out, "Usage of chapter:")
}

func TestBadValueNamesItsFlag(t *testing.T) {
	out, code := run(t, "-hz", "0")
	require.Equal(t, 2, code, out)
	require.Contains(t, out, `invalid value "0" for flag -hz: must be 1 to 500`)
	require.Contains(t, out, "-hz int")
}

func TestGoodFlagsPass(t *testing.T) {
	out, code := run(t, "-hz", "100")
	require.Equal(t, 0, code, out)
}
