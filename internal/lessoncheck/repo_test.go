package lessoncheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// repo is what the lessons may name: the repository's files, and the
// declarations, tests and flags in its Go code, read with go/parser (no
// build, so the check stays cheap).
type repo struct {
	root     string
	topLevel map[string]bool // entries at the repository's root: "internal", "06-redis-commands", ...
	goFiles  map[string]bool // base names of every .go file

	pkgDecls    map[string]map[string]bool            // non-main package name → its top-level names
	typeMembers map[string]map[string]map[string]bool // directory → type name → its methods and fields
	tests       map[string]bool                       // Test…, Benchmark…, Fuzz…, Example… functions
	imported    map[string]bool                       // names the code imports other packages by: "sync", "unix", ...
	flags       map[string]map[string]bool            // chapter directory → the flags its command defines
	allFlags    map[string]bool                       // every chapter's flags, and tools'
	markdown    []string                              // every .md file, relative to root
}

// repoRoot is two levels up from this package's directory, where go test
// runs it; go.mod there proves it.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod two levels above internal/lessoncheck: %v", err)
	}
	return root
}

func loadRepo(t *testing.T) *repo {
	t.Helper()
	r := &repo{
		root:        repoRoot(t),
		topLevel:    map[string]bool{},
		goFiles:     map[string]bool{},
		pkgDecls:    map[string]map[string]bool{},
		typeMembers: map[string]map[string]map[string]bool{},
		tests:       map[string]bool{},
		imported:    map[string]bool{},
		flags:       map[string]map[string]bool{},
		allFlags:    map[string]bool{},
	}
	entries, err := os.ReadDir(r.root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		r.topLevel[e.Name()] = true
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(r.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != r.root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(r.root, path)
		switch {
		case strings.HasSuffix(path, ".md"):
			r.markdown = append(r.markdown, filepath.ToSlash(rel))
		case strings.HasSuffix(path, ".go"):
			r.goFiles[d.Name()] = true
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			r.addFile(filepath.ToSlash(rel), f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func set(m map[string]map[string]bool, key string) map[string]bool {
	if m[key] == nil {
		m[key] = map[string]bool{}
	}
	return m[key]
}

var testFunc = regexp.MustCompile(`^(Test|Benchmark|Fuzz|Example)([A-Z_]\w*)?$`)

func (r *repo) addFile(rel string, f *ast.File) {
	pkg := f.Name.Name
	types := r.typeMembers[path.Dir(rel)]
	if types == nil {
		types = map[string]map[string]bool{}
		r.typeMembers[path.Dir(rel)] = types
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := pathpkg(path)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		r.imported[name] = true
	}
	decls := set(r.pkgDecls, pkg)
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				decls[d.Name.Name] = true
				if strings.HasSuffix(rel, "_test.go") && testFunc.MatchString(d.Name.Name) {
					r.tests[d.Name.Name] = true
				}
			} else if typ := recvType(d.Recv.List[0].Type); typ != "" {
				set(types, typ)[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					decls[s.Name.Name] = true
					members := set(types, s.Name.Name)
					switch t := s.Type.(type) {
					case *ast.StructType:
						for _, field := range t.Fields.List {
							for _, n := range field.Names {
								members[n.Name] = true
							}
						}
					case *ast.InterfaceType:
						for _, m := range t.Methods.List {
							for _, n := range m.Names {
								members[n.Name] = true
							}
						}
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						decls[n.Name] = true
					}
				}
			}
		}
	}
	if chapter := chapterOf(rel); chapter != "" || strings.HasPrefix(rel, "tools/") {
		r.addFlags(chapter, f)
	}
}

// addFlags records the flags a command defines: flag.String("addr", ...)
// and flag.StringVar(&v, "addr", ...), and their kin.
func (r *repo) addFlags(chapter string, f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "flag" {
			return true
		}
		arg := 0
		if strings.HasSuffix(sel.Sel.Name, "Var") {
			arg = 1
		}
		if len(call.Args) <= arg {
			return true
		}
		lit, ok := call.Args[arg].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		name, _ := strconv.Unquote(lit.Value)
		r.allFlags[name] = true
		if chapter != "" {
			set(r.flags, chapter)[name] = true
		}
		return true
	})
}

// pathpkg guesses the name a package is imported by from its path:
// "github.com/redis/go-redis/v9" is package redis.
func pathpkg(path string) string {
	parts := strings.Split(path, "/")
	last := parts[len(parts)-1]
	if regexp.MustCompile(`^v\d+$`).MatchString(last) && len(parts) > 1 {
		last = parts[len(parts)-2]
	}
	return strings.TrimPrefix(last, "go-")
}

func recvType(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvType(t.X)
	case *ast.IndexExpr:
		return recvType(t.X)
	case *ast.Ident:
		return t.Name
	}
	return ""
}

var chapterDir = regexp.MustCompile(`^\d\d-[\w-]+$`)

// chapterOf returns the chapter directory a repository path lies in, or "".
func chapterOf(rel string) string {
	first, _, _ := strings.Cut(rel, "/")
	if chapterDir.MatchString(first) {
		return first
	}
	return ""
}
