// Command commanddocs prints the rows of 06-redis-commands' commandDocs
// table (cmd_command_docs*.go) for the commands named on the command
// line, by asking a real Redis 7.0 for their COMMAND INFO and COMMAND DOCS:
//
//	redis-server --port 7379 --save '' &
//	go run ./tools/commanddocs -addr 127.0.0.1:7379 lpush 'object|encoding'
//
// Each row is written in the compact form that cmd_command_docs.go reads
// back (see commandDoc there), ready to paste into the table.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:6379", "the Redis 7.0 to ask")
	flag.Parse()
	conn, err := net.Dial("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	ask := func(args ...string) any {
		fmt.Fprintf(conn, "*%d\r\n", len(args))
		for _, a := range args {
			fmt.Fprintf(conn, "$%d\r\n%s\r\n", len(a), a)
		}
		reply, err := read(r)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return reply
	}
	for _, name := range flag.Args() {
		info := ask("COMMAND", "INFO", name).([]any)[0].([]any)
		docs := ask("COMMAND", "DOCS", name).([]any)
		if len(docs) != 2 {
			fmt.Fprintf(os.Stderr, "%s: no such command\n", name)
			os.Exit(1)
		}
		fmt.Println(row(name, info, pairs(docs[1].([]any))))
	}
}

// row formats one commandDoc: group, since, summary, complexity,
// categories beyond those the flags imply, tips, key specs, arguments.
func row(name string, info []any, doc map[string]any) string {
	implied := map[string][]string{"write": {"@write"}, "readonly": {"@read"}, "admin": {"@admin", "@dangerous"},
		"pubsub": {"@pubsub"}, "fast": {"@fast"}, "blocking": {"@blocking"}}
	skip := map[string]bool{"@slow": true}
	for _, flag := range strs(info[2]) {
		for _, cat := range implied[flag] {
			skip[cat] = true
		}
	}
	var cats []string
	for _, cat := range strs(info[6]) {
		if !skip[cat] {
			cats = append(cats, cat)
		}
	}
	var specs []string
	for _, spec := range info[8].([]any) {
		m := pairs(spec.([]any))
		begin := pairs(m["begin_search"].([]any))
		find := pairs(m["find_keys"].([]any))
		bs, fs := pairs(begin["spec"].([]any)), pairs(find["spec"].([]any))
		s := fmt.Sprintf("%s %d %d %d %d", strings.Join(strs(m["flags"]), ","), bs["index"], fs["lastkey"], fs["keystep"], fs["limit"])
		if find["type"] == "keynum" {
			s = fmt.Sprintf("%s %d keynum %d %d %d", strings.Join(strs(m["flags"]), ","), bs["index"], fs["keynumidx"], fs["firstkey"], fs["keystep"])
		}
		if notes, ok := m["notes"]; ok {
			s += " | " + notes.(string)
		}
		specs = append(specs, s)
	}
	var args string
	if a, ok := doc["arguments"]; ok {
		args = compactArgs(a.([]any))
	}
	fields := []string{str(doc["group"]), str(doc["since"]), str(doc["summary"]), str(doc["complexity"]),
		strings.Join(cats, " "), strings.Join(strs(info[7]), " "), strings.Join(specs, "; "), args}
	for i, f := range fields {
		fields[i] = strconv.Quote(f)
	}
	return fmt.Sprintf("%q: {%s},", name, strings.Join(fields, ", "))
}

// compactArgs writes arguments as name:type#keyspec=TOKEN@since?*+(...).
func compactArgs(args []any) string {
	var out []string
	for _, a := range args {
		m := pairs(a.([]any))
		s := str(m["name"]) + ":" + str(m["type"])
		if k, ok := m["key_spec_index"]; ok {
			s += "#" + strconv.FormatInt(k.(int64), 10)
		}
		if t, ok := m["token"]; ok {
			s += "=" + str(t)
		}
		if v, ok := m["since"]; ok {
			s += "@" + str(v)
		}
		for _, f := range strs(m["flags"]) {
			s += map[string]string{"optional": "?", "multiple": "*", "multiple_token": "+"}[f]
		}
		if sub, ok := m["arguments"]; ok {
			s += "(" + compactArgs(sub.([]any)) + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// pairs reads a RESP2 flat map.
func pairs(flat []any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(flat); i += 2 {
		m[flat[i].(string)] = flat[i+1]
	}
	return m
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, str(x))
	}
	return out
}

// read reads one RESP2 reply: strings, int64s, nil, and []any.
func read(r *bufio.Reader) (any, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	switch line[0] {
	case '+':
		return line[1:], nil
	case '-':
		return nil, fmt.Errorf("redis: %s", line[1:])
	case ':':
		return strconv.ParseInt(line[1:], 10, 64)
	case '$':
		n, _ := strconv.Atoi(line[1:])
		if n < 0 {
			return nil, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		return string(buf[:n]), nil
	case '*':
		n, _ := strconv.Atoi(line[1:])
		list := make([]any, 0, max(n, 0))
		for range n {
			v, err := read(r)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	}
	return nil, fmt.Errorf("unexpected reply %q", line)
}
