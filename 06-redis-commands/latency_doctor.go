package main

import (
	"fmt"
	"strings"
)

// LATENCY DOCTOR, after Redis's createLatencyReport (latency.c): for each
// event, how many spikes, their average, their mean deviation, how often
// they came and the worst ever; then advice chosen by which events
// happened. The prose is Redis's, word for word, so that a report from
// this server reads like one from Redis; only the advice our events can
// call for is here (no fork, AOF, disk or eviction: this server has none).

const (
	doctorDisabled = "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n"
	doctorIntro    = "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n"
	doctorNoSpike  = "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n"
	doctorNoAdvice = "\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n"
	doctorAdvices  = "\nI have a few advices for you:\n\n"
	// Said of the one event Redis does not have.
	doctorOwnEvent = " This event is not one of Redis's: it is this server's own, a whole turn of the event loop, every command and timer it ran included."

	adviceSlowlogEnabled = "- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than %d'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n"
	adviceSlowlogTuning  = "- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than %d'.\n"
	adviceSlowlogInspect = "- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n"
	adviceScheduler      = "- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n" +
		"  1) Lower the system load.\n" +
		"  2) Use a computer / VM just for Redis if you are running other software in the same system.\n" +
		"  3) Check if you have a \"noisy neighbour\" problem.\n" +
		"  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n" +
		"  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n"
	adviceHz           = "- In order to make the Redis keys expiring process more incremental, try to set the 'hz' configuration parameter to 100 using 'CONFIG SET hz 100'.\n"
	adviceLargeObjects = "- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n"
	adviceDisableTHP   = "- I detected a non zero amount of anonymous huge pages used by your process. This creates very serious latency events in different conditions, especially when Redis is persisting on disk. To disable THP support use the command 'echo never > /sys/kernel/mm/transparent_hugepage/enabled', make sure to also add it into /etc/rc.local so that the command will be executed again after a reboot. Note that even if you have already disabled THP, you still need to restart the Redis process to get rid of the huge pages already created.\n"
)

// latencyStats is Redis's struct latencyStats: what analyzeLatencyForEvent
// finds in an event's history.
type latencyStats struct {
	samples        int64
	avg, mad       int64 // milliseconds, rounded down as Redis's integers are
	period         int64 // seconds from the oldest sample to now, at least 1
	allTimeHighest int64
}

func analyzeLatency(ev *latencyEvent, now int64) latencyStats {
	st := latencyStats{samples: int64(len(ev.history)), allTimeHighest: ev.max}
	var sum int64
	oldest := ev.history[0].unixTime
	for _, sample := range ev.history {
		sum += sample.ms
		oldest = min(oldest, sample.unixTime)
	}
	st.avg = sum / st.samples
	st.period = max(now-oldest, 1)
	var deviations int64
	for _, sample := range ev.history {
		deviations += max(st.avg-sample.ms, sample.ms-st.avg)
	}
	st.mad = deviations / st.samples
	return st
}

// latencyReport is the text of LATENCY DOCTOR.
func (s *server) latencyReport() []byte {
	if len(s.latency.names) == 0 && s.cfg.latencyThresholdMs == 0 {
		return []byte(doctorDisabled)
	}
	var report strings.Builder
	var slowlogEnabled, slowlogTuning, slowlogInspect, scheduler, hz, largeObjects, disableTHP bool
	advices := 0
	now := s.now.Unix()
	for i, name := range s.latency.names {
		if i == 0 {
			report.WriteString(doctorIntro)
		}
		st := analyzeLatency(s.latency.events[name], now)
		fmt.Fprintf(&report, "%d. %s: %d latency spikes (average %dms, mean deviation %dms, period %.2f sec). Worst all time event %dms.",
			i+1, name, st.samples, st.avg, st.mad, float64(st.period)/float64(st.samples), st.allTimeHighest)
		switch name {
		case eventCommand:
			if s.cfg.slowlogSlowerThan < 0 {
				slowlogEnabled = true
				advices++
			} else if s.cfg.slowlogSlowerThan/1000 > s.cfg.latencyThresholdMs {
				slowlogTuning = true
				advices++
			}
			slowlogInspect, largeObjects = true, true
			advices += 2
		case eventFastCommand:
			scheduler = true
			advices++
		case eventExpireCycle:
			hz, largeObjects = true, true
			advices += 2
		case eventLoopCycle:
			report.WriteString(doctorOwnEvent)
		}
		report.WriteByte('\n')
	}
	if anonHugePagesBytes() > 0 {
		disableTHP = true
		advices++
	}
	switch {
	case len(s.latency.names) == 0 && advices == 0:
		report.WriteString(doctorNoSpike)
	case advices == 0:
		report.WriteString(doctorNoAdvice)
	default:
		report.WriteString(doctorAdvices)
		threshold := s.cfg.latencyThresholdMs * 1000
		if slowlogEnabled {
			fmt.Fprintf(&report, adviceSlowlogEnabled, threshold)
		}
		if slowlogTuning {
			fmt.Fprintf(&report, adviceSlowlogTuning, threshold)
		}
		if slowlogInspect {
			report.WriteString(adviceSlowlogInspect)
		}
		if scheduler {
			report.WriteString(adviceScheduler)
		}
		if hz && s.cfg.hz < 100 {
			report.WriteString(adviceHz)
		}
		if largeObjects {
			report.WriteString(adviceLargeObjects)
		}
		if disableTHP {
			report.WriteString(adviceDisableTHP)
		}
	}
	return []byte(report.String())
}
