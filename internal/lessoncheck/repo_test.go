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

// flagDefiners are the flag package's functions, and *flag.FlagSet's
// methods, that define a flag; the ones ending in Var take the flag's name
// second, the rest first. Parse, Lookup, NewFlagSet and the like name no
// flag of the command, though some take a string.
var flagDefiners = map[string]bool{
	"Bool": true, "BoolVar": true, "BoolFunc": true, "Duration": true, "DurationVar": true,
	"Float64": true, "Float64Var": true, "Func": true, "Int": true, "IntVar": true,
	"Int64": true, "Int64Var": true, "String": true, "StringVar": true, "TextVar": true,
	"Uint": true, "UintVar": true, "Uint64": true, "Uint64Var": true, "Var": true,
}

// addFlags records the flags a command defines: flag.String("addr", ...)
// and flag.StringVar(&v, "addr", ...), and their kin, called on the flag
// package or on a *flag.FlagSet: flag.CommandLine, a variable assigned
// flag.NewFlagSet(...), or a name declared as *flag.FlagSet in the file
// (07-benchmark's parseFlags(fs *flag.FlagSet, ...)). Names are per file,
// not per scope: enough for a command's flag code.
func (r *repo) addFlags(chapter string, f *ast.File) {
	flagSets := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if isFlagSetType(n.Type) {
				for _, name := range n.Names {
					flagSets[name.Name] = true
				}
			}
		case *ast.ValueSpec:
			if n.Type != nil && isFlagSetType(n.Type) {
				for _, name := range n.Names {
					flagSets[name.Name] = true
				}
			}
			for i, v := range n.Values {
				if i < len(n.Names) && isFlagCall(v, "NewFlagSet") {
					flagSets[n.Names[i].Name] = true
				}
			}
		case *ast.AssignStmt:
			for i, v := range n.Rhs {
				if id, ok := n.Lhs[min(i, len(n.Lhs)-1)].(*ast.Ident); ok && isFlagCall(v, "NewFlagSet") {
					flagSets[id.Name] = true
				}
			}
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !flagDefiners[sel.Sel.Name] {
			return true
		}
		switch x := sel.X.(type) {
		case *ast.Ident: // flag.Int, or fs.Int on a *flag.FlagSet
			if x.Name != "flag" && !flagSets[x.Name] {
				return true
			}
		case *ast.SelectorExpr: // flag.CommandLine.Int
			if pkg, ok := x.X.(*ast.Ident); !ok || pkg.Name != "flag" || x.Sel.Name != "CommandLine" {
				return true
			}
		default:
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

// isFlagSetType reports whether a declared type is *flag.FlagSet or
// flag.FlagSet.
func isFlagSetType(e ast.Expr) bool {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "flag" && sel.Sel.Name == "FlagSet"
}

// isFlagCall reports whether e calls the flag package's function fn.
func isFlagCall(e ast.Expr, fn string) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "flag" && sel.Sel.Name == fn
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
