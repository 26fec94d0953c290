package main

import "strconv"

// More of CONFIG's parameters: the encoding sizes (configParams is in
// cmd_server.go; slowlog.go and latency.go add theirs the same way).

// Redis keeps a small hash, list, set or sorted set in a compact encoding
// (a listpack, an intset) and converts it to a general one past these
// sizes. Ours have one encoding per type (OBJECT ENCODING, cmd_object.go),
// so the knobs change nothing here; CONFIG accepts and remembers them, in
// Redis's ranges, so that clients and scripts that tune them keep working.
// The ziplist names are the aliases Redis 7.0 keeps from before listpacks.
func init() {
	addConfigParams(
		encodingKnobParam("hash-max-listpack-entries", hashMaxEntries),
		encodingKnobParam("hash-max-listpack-value", hashMaxValue),
		encodingKnobParam("hash-max-ziplist-entries", hashMaxEntries),
		encodingKnobParam("hash-max-ziplist-value", hashMaxValue),
		encodingKnobParam("list-compress-depth", listCompressDepth),
		encodingKnobParam("list-max-listpack-size", listMaxSize),
		encodingKnobParam("list-max-ziplist-size", listMaxSize),
		encodingKnobParam("set-max-intset-entries", setMaxIntsetEntries),
		encodingKnobParam("zset-max-listpack-entries", zsetMaxEntries),
		encodingKnobParam("zset-max-listpack-value", zsetMaxValue),
		encodingKnobParam("zset-max-ziplist-entries", zsetMaxEntries),
		encodingKnobParam("zset-max-ziplist-value", zsetMaxValue),
	)
}

const (
	hashMaxEntries = iota
	hashMaxValue
	listMaxSize
	listCompressDepth
	setMaxIntsetEntries
	zsetMaxEntries
	zsetMaxValue
	encodingKnobCount
)

// encodingKnob is one knob: Redis's default, and whether it is a size in
// bytes (which may be written 1kb) or a plain integer.
type encodingKnob struct {
	def      int64
	min, max int64
	memory   bool
}

var encodingKnobs = [encodingKnobCount]encodingKnob{
	hashMaxEntries:      {def: 512, min: 0, max: 1<<63 - 1},
	hashMaxValue:        {def: 64, min: 0, max: 1<<63 - 1, memory: true},
	listMaxSize:         {def: -2, min: -1 << 31, max: 1<<31 - 1},
	listCompressDepth:   {def: 0, min: 0, max: 1<<31 - 1},
	setMaxIntsetEntries: {def: 512, min: 0, max: 1<<63 - 1},
	zsetMaxEntries:      {def: 128, min: 0, max: 1<<63 - 1},
	zsetMaxValue:        {def: 64, min: 0, max: 1<<63 - 1, memory: true},
}

// encodingKnobParam is the CONFIG parameter for knob k under one name.
// The config keeps the value as text, "" for Redis's default, so that a
// zero config (the tests') holds the defaults.
func encodingKnobParam(name string, k int) configParam {
	knob := encodingKnobs[k]
	return configParam{name: name,
		get: func(s *server) string {
			if v := s.cfg.encodingKnobs[k]; v != "" {
				return v
			}
			return strconv.FormatInt(knob.def, 10)
		},
		set: func(s *server, value []byte) string {
			n, reason := configInt(value, knob.min, knob.max)
			if knob.memory {
				var ok bool
				if n, ok = memToBytes(value); !ok {
					return "argument must be a memory value"
				}
				reason = ""
			}
			if reason == "" {
				s.cfg.encodingKnobs[k] = strconv.FormatInt(n, 10)
			}
			return reason
		}}
}
