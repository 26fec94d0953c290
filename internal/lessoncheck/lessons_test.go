// Package lessoncheck keeps the lessons true to the code. Its test reads
// every README.md and docs/*.md and fails, naming file:line, when one of
// them names in a code span a Go file, a function, method or type, a test
// or a flag that the code no longer has, or when a relative link or its
// #anchor leads nowhere in any Markdown file.
//
// What counts as a mention, so that Redis's, the kernel's and other tools'
// names are left alone:
//   - a Go file: `server.go`, `internal/wire/serve.go`, `diff_*_linux_test.go`
//     (a bare name must exist in the lesson's directory or anywhere in the
//     repository; a path must exist when its first element does);
//   - a path into the repository: `internal/wire`, `02-thread-per-client/measure.sh 2000`;
//   - a qualified name: `wire.ServeConn`, `(*store).Incr`, `server.Serve`,
//     checked when the qualifier is one of our packages or types, and left
//     alone when it is an imported package (`sync.Map`) or a variable;
//   - a test: `TestRaceDemo`, `BenchmarkSet`, `FuzzMultibulk`;
//   - a flag: every flag of a `go run ./NN-chapter ...` command, in code
//     spans and code blocks, against that chapter's flag definitions; and a
//     span that is only a flag (`-maxclients`, `-hz 2`), against the
//     lesson's chapter, then any chapter, then otherTools.
//
// A Go file named in prose, outside code spans (as in: see io.go), is
// checked as a span naming it would be. A bare function name (`readFrom`)
// is not checked: Redis's (`readQueryFromClient`) have the same shape.
//
// Some spans look like ours and are not; each is listed in
// exemptions_test.go, with whose it is: in otherTools (another command's
// flag), notOurs (Redis's or Go's name), or unimplementedFlags (a flag the
// text says we lack). TestExemptionsAreNeeded keeps the last two to what
// the lessons still need.
//
// Sections called Exercises are not checked for names: they ask the
// learner to write code that does not exist yet. Their links are.
package lessoncheck

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

func TestLessonsMatchTheCode(t *testing.T) {
	r := loadRepo(t)
	for _, md := range r.markdown {
		checkNames := path.Base(md) == "README.md" || strings.HasPrefix(md, "docs/")
		for _, problem := range r.check(md, checkNames) {
			t.Error(problem)
		}
	}
}

// line is one line of a Markdown file outside fenced code blocks, or, with
// fenced set, inside one.
type line struct {
	n       int
	text    string
	fenced  bool
	section string // the nearest heading above
}

func readLines(file string) ([]line, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []line
	var fence, section string
	scanner := bufio.NewScanner(f)
	scanner.Buffer(nil, 1<<20)
	for n := 1; scanner.Scan(); n++ {
		text := scanner.Text()
		trimmed := strings.TrimSpace(text)
		if fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			fence = trimmed[:3]
			continue
		}
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			} else {
				lines = append(lines, line{n, text, true, section})
			}
			continue
		}
		if h, ok := heading(text); ok {
			section = h
		}
		lines = append(lines, line{n, text, false, section})
	}
	return lines, scanner.Err()
}

var headingLine = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)

func heading(text string) (string, bool) {
	m := headingLine.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return m[1], true
}

var (
	codeSpan  = regexp.MustCompile("`([^`]+)`")
	proseGo   = regexp.MustCompile(`(?:^|[^\w/.*-])([\w-]+\.go)\b`)
	linkDest  = regexp.MustCompile(`\]\([^)]*\)`)
	mdLink    = regexp.MustCompile(`\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)
	goRun     = regexp.MustCompile(`go run (\./\d\d-[\w-]+)/?((?:\s+[^\s|;&>)]+)*)`)
	flagSpan  = regexp.MustCompile(`^-([a-z][\w-]*)(?:[ =].*)?$`)
	qualified = regexp.MustCompile(`^\(?\*?([A-Za-z_]\w*)\)?\.([A-Za-z_]\w*)(?:\(.*\))?$`)
	goFile    = regexp.MustCompile(`^[\w./*-]+\.go$`)
	notGo     = regexp.MustCompile(`\.(c|h|s|sh|md|txt|json|ya?ml|mod|sum)$`)
)

// check returns what in md does not match the repository, one message a
// problem, each starting with file:line.
func (r *repo) check(md string, checkNames bool) []string {
	lines, err := readLines(filepath.Join(r.root, md))
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", md, err)}
	}
	return r.checkLines(md, lines, checkNames)
}

// checkLines is check for the given lines of md.
func (r *repo) checkLines(md string, lines []line, checkNames bool) []string {
	var problems []string
	report := func(l line, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: %s", md, l.n, fmt.Sprintf(format, args...)))
	}
	for _, l := range lines {
		exercises := strings.Contains(strings.ToLower(l.section), "exercises")
		if l.fenced {
			if checkNames && !exercises {
				r.checkGoRun(l.text, func(format string, args ...any) { report(l, format, args...) })
			}
			continue
		}
		for _, m := range mdLink.FindAllStringSubmatch(codeSpan.ReplaceAllString(l.text, ""), -1) {
			if msg := r.checkLink(md, m[1]); msg != "" {
				report(l, "%s", msg)
			}
		}
		if !checkNames || exercises {
			continue
		}
		for _, m := range codeSpan.FindAllStringSubmatch(l.text, -1) {
			if msg := r.checkSpan(md, m[1]); msg != "" {
				report(l, "`%s`: %s", m[1], msg)
			}
			r.checkGoRun(m[1], func(format string, args ...any) { report(l, format, args...) })
		}
		prose := linkDest.ReplaceAllString(codeSpan.ReplaceAllString(l.text, " "), "]")
		for _, m := range proseGo.FindAllStringSubmatch(prose, -1) {
			if msg := r.checkSpan(md, m[1]); msg != "" {
				report(l, "%s: %s", m[1], msg)
			}
		}
	}
	return problems
}

// checkGoRun checks the flags of every `go run ./NN-chapter ...` in text
// against that chapter's.
func (r *repo) checkGoRun(text string, report func(format string, args ...any)) {
	for _, m := range goRun.FindAllStringSubmatch(text, -1) {
		chapter := strings.TrimPrefix(m[1], "./")
		if !r.topLevel[chapter] {
			report("`go run %s`: no such chapter", m[1])
			continue
		}
		for _, arg := range strings.Fields(m[2]) {
			if !strings.HasPrefix(arg, "-") {
				continue
			}
			name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
			if name != "h" && name != "help" && !r.flags[chapter][name] {
				report("`go run %s`: %s has no flag -%s (flags: %s)", m[1], chapter, name, keys(r.flags[chapter]))
			}
		}
	}
}

// checkSpan returns what is wrong with one code span, or "".
func (r *repo) checkSpan(md, span string) string {
	span = strings.TrimSpace(span)
	if _, ok := notOurs[span]; ok {
		return ""
	}
	return r.checkOurs(md, span)
}

// checkOurs is checkSpan for a span not listed in notOurs.
func (r *repo) checkOurs(md, span string) string {
	dir := path.Dir(md)
	if m := flagSpan.FindStringSubmatch(span); m != nil {
		name := m[1]
		if _, ok := unimplementedFlags[name]; ok {
			if r.allFlags[name] {
				return fmt.Sprintf("the lessons call -%s not implemented, but a chapter defines it now: update the text, then drop it from unimplementedFlags", name)
			}
			return ""
		}
		if chapter := chapterOf(md); chapter != "" && r.flags[chapter][name] {
			return ""
		}
		if r.allFlags[name] || otherTools[name] {
			return ""
		}
		return fmt.Sprintf("no chapter has a flag -%s (another tool's? add it to otherTools; one the text says we lack? to unimplementedFlags; in internal/lessoncheck/exemptions_test.go)", name)
	}
	first, _, _ := strings.Cut(span, " ")
	first = strings.TrimPrefix(first, "./")
	if r.ourPath(first) {
		if !r.exists(strings.TrimSuffix(first, "/")) {
			return "no such file or directory in the repository"
		}
		return ""
	}
	if goFile.MatchString(span) {
		if strings.Contains(span, "/") {
			return "" // outside the repository: the Go source, x/sys, ...
		}
		if r.exists(path.Join(dir, span)) || r.goFiles[span] || (strings.Contains(span, "*") && r.globAnywhere(span)) {
			return ""
		}
		return "no such Go file in " + dir + " or anywhere in the repository"
	}
	if testFunc.MatchString(span) {
		if !r.tests[span] {
			return "no test, benchmark, fuzz target or example has this name"
		}
		return ""
	}
	if notGo.MatchString(span) {
		return ""
	}
	if m := qualified.FindStringSubmatch(span); m != nil {
		qualifier, name := m[1], m[2]
		if decls, ok := r.pkgDecls[qualifier]; ok && qualifier != "main" {
			if !decls[name] {
				return fmt.Sprintf("package %s declares no %s", qualifier, name)
			}
			return ""
		}
		if r.imported[qualifier] {
			return ""
		}
		// A chapter's lesson means its own types; a lowercase name such
		// as conn may be a variable there. Elsewhere, any type will do.
		dirs := []string{chapterOf(md)}
		if dirs[0] == "" {
			dirs = nil
			for dir := range r.typeMembers {
				dirs = append(dirs, dir)
			}
		}
		found, hasType := false, false
		for _, dir := range dirs {
			if members, ok := r.typeMembers[dir][qualifier]; ok {
				hasType = true
				found = found || members[name]
			}
		}
		if hasType && !found {
			return fmt.Sprintf("type %s has no method or field %s (Redis's or Go's name? list it in notOurs, internal/lessoncheck/exemptions_test.go)", qualifier, name)
		}
	}
	return ""
}

// ourPath reports whether a path-like span names something of ours:
// its first element is a chapter, or its first two exist (internal/wire,
// not the Go source's internal/runtime/atomic).
func (r *repo) ourPath(p string) bool {
	elems := strings.Split(strings.TrimSuffix(p, "/"), "/")
	if len(elems) < 2 || strings.ContainsAny(p, "()") || !r.topLevel[elems[0]] {
		return false
	}
	return chapterDir.MatchString(elems[0]) || r.exists(elems[0]+"/"+elems[1])
}

func (r *repo) exists(rel string) bool {
	if strings.Contains(rel, "*") {
		matches, _ := filepath.Glob(filepath.Join(r.root, filepath.FromSlash(rel)))
		return len(matches) > 0
	}
	_, err := os.Stat(filepath.Join(r.root, filepath.FromSlash(rel)))
	return err == nil
}

func (r *repo) globAnywhere(pattern string) bool {
	for name := range r.goFiles {
		if ok, _ := path.Match(pattern, name); ok {
			return true
		}
	}
	return false
}

// checkLink returns what is wrong with a link target in md, or "".
func (r *repo) checkLink(md, target string) string {
	if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
		return ""
	}
	file, anchor, _ := strings.Cut(target, "#")
	rel := md
	if file != "" {
		rel = path.Join(path.Dir(md), file)
		if strings.HasPrefix(rel, "../") {
			return fmt.Sprintf("link %s leaves the repository", target)
		}
		if !r.exists(rel) {
			return fmt.Sprintf("link %s: no such file %s", target, rel)
		}
	}
	if anchor == "" {
		return ""
	}
	if !strings.HasSuffix(rel, ".md") {
		return fmt.Sprintf("link %s: an anchor into %s, which is not Markdown", target, rel)
	}
	anchors, err := r.anchors(rel)
	if err != nil {
		return err.Error()
	}
	if !anchors[anchor] {
		return fmt.Sprintf("link %s: %s has no heading with the anchor #%s", target, rel, anchor)
	}
	return ""
}

// anchors returns the anchors GitHub makes for the headings of a Markdown
// file: lower case, punctuation dropped, spaces made hyphens, and -1, -2
// added to repeats.
func (r *repo) anchors(md string) (map[string]bool, error) {
	lines, err := readLines(filepath.Join(r.root, md))
	if err != nil {
		return nil, err
	}
	anchors := map[string]bool{}
	seen := map[string]int{}
	for _, l := range lines {
		if l.fenced {
			continue
		}
		h, ok := heading(l.text)
		if !ok {
			continue
		}
		slug := slugify(h)
		if n := seen[slug]; n > 0 {
			anchors[fmt.Sprintf("%s-%d", slug, n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	}
	return anchors, nil
}

var linkText = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

func slugify(heading string) string {
	heading = linkText.ReplaceAllString(heading, "$1")
	var b strings.Builder
	for _, c := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(c) || unicode.IsNumber(c) || c == '_' || c == '-':
			b.WriteRune(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func keys(m map[string]bool) string {
	var names []string
	for k := range m {
		names = append(names, "-"+k)
	}
	if len(names) == 0 {
		return "none"
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}
