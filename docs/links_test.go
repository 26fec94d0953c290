// Package docs holds the tutorial's deeper pages. Its only Go code is this
// test, which keeps every Markdown file's relative links and #anchors
// pointing at something that exists.
package docs

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// mdLink matches [text](target) and ![alt](target); the target stops at a
// space (an optional "title") or the closing parenthesis.
var mdLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)

// TestRelativeLinksResolve checks every Markdown file in the repository:
// each relative link names a file or directory that exists, and each
// #anchor names a heading of its target, with GitHub's slug rules.
func TestRelativeLinksResolve(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	files := markdownFiles(t, root)
	if len(files) == 0 {
		t.Fatal("no Markdown files found under", root)
	}
	anchors := map[string]map[string]bool{}
	anchorsOf := func(path string) map[string]bool {
		if a, ok := anchors[path]; ok {
			return a
		}
		a := headingAnchors(t, path)
		anchors[path] = a
		return a
	}
	for _, file := range files {
		for _, l := range links(t, file) {
			target, anchor, _ := strings.Cut(l.target, "#")
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			rel, _ := filepath.Rel(root, file)
			path := file
			if target != "" {
				path = filepath.Join(filepath.Dir(file), filepath.FromSlash(target))
				if _, err := os.Stat(path); err != nil {
					t.Errorf("%s:%d: link %q: %v", rel, l.line, l.target, err)
					continue
				}
			}
			if anchor == "" || !strings.HasSuffix(path, ".md") {
				continue
			}
			if !anchorsOf(path)[anchor] {
				t.Errorf("%s:%d: link %q: no heading with anchor #%s in %s", rel, l.line, l.target, anchor, filepath.Base(path))
			}
		}
	}
}

func markdownFiles(t *testing.T, root string) []string {
	var files []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

type link struct {
	target string
	line   int
}

// links returns the links of a Markdown file outside fenced code blocks
// and inline code spans, which GitHub does not render as links.
func links(t *testing.T, path string) []link {
	var out []link
	forEachProseLine(t, path, func(n int, line string) {
		for _, m := range mdLink.FindAllStringSubmatch(stripCodeSpans(line), -1) {
			out = append(out, link{target: m[1], line: n})
		}
	})
	return out
}

// headingAnchors returns the anchors GitHub gives a file's headings:
// the slug of each heading's text, with -1, -2 ... for repeats.
func headingAnchors(t *testing.T, path string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	forEachProseLine(t, path, func(_ int, line string) {
		text, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " ")
		if !strings.HasPrefix(line, "#") || !ok {
			return
		}
		slug := slugify(text)
		if n := seen[slug]; n > 0 {
			anchors[slug+"-"+strconv.Itoa(n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	})
	return anchors
}

func forEachProseLine(t *testing.T, path string, f func(n int, line string)) {
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	inFence := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
			continue
		}
		if !inFence {
			f(n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

var codeSpan = regexp.MustCompile("`[^`]*`")

func stripCodeSpans(line string) string { return codeSpan.ReplaceAllString(line, "") }

// mdDecoration is what GitHub renders away before it makes a slug: link
// targets, and the marks of code and emphasis.
var (
	mdLinkText   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis   = strings.NewReplacer("`", "", "**", "", "*", "")
	notSlugChars = func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == ' ' || r == '-' || r == '_')
	}
)

// slugify follows GitHub's rule: lower-case the heading's text, drop
// everything but letters, digits, spaces, hyphens and underscores, and
// turn each space into a hyphen.
func slugify(heading string) string {
	text := mdEmphasis.Replace(mdLinkText.ReplaceAllString(strings.TrimSpace(heading), "$1"))
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case notSlugChars(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
