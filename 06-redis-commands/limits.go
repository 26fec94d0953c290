package main

// Every size the server limits or keeps, in one place. Where Redis has the
// same limit, the name and value are Redis's (networking.c, server.h).
const (
	// readBufSize is how much the loop reads from one client per turn
	// (PROTO_IOBUF_LEN). One read per ready client per turn keeps a
	// client that sends a flood from starving the others: the rest stays
	// in the kernel, and the poller reports it again next turn.
	readBufSize = 16 * 1024

	// protoInlineMaxSize is PROTO_INLINE_MAX_SIZE: an inline line, or a
	// *N or $N header line, may not wait unfinished beyond this.
	protoInlineMaxSize = 64 * 1024
	// protoMaxMultibulk is INT_MAX, the largest *N Redis 7.0 accepts.
	protoMaxMultibulk = 1<<31 - 1
	// defaultMaxBulkBytes is proto-max-bulk-len's default: the largest $N.
	defaultMaxBulkBytes = 512 << 20

	// defaultQueryBufferLimit is client-query-buffer-limit's default:
	// the most a client's unprocessed input may hold before the client
	// is closed. minQueryBufferLimit is the least Redis's CONFIG allows.
	defaultQueryBufferLimit = 1 << 30
	minQueryBufferLimit     = 1 << 20

	// maxPendingReply is how much reply a client may leave unread before
	// the loop stops reading and running its commands. Without it, a
	// client that sends but never reads would make the server buffer
	// replies without end; with it, the client's own unread requests
	// wait in the kernel instead.
	maxPendingReply = 1 << 20

	// maxKeptReplyBuf is the largest shared reply buffer kept between
	// reads, and maxSpareBulkBuf the largest buffer kept from a finished
	// large request for the next one. Both are the server's, not a
	// client's: one of each at most, so large values sent one after
	// another do not each allocate megabytes for the garbage collector.
	maxKeptReplyBuf = 4 << 20
	maxSpareBulkBuf = 16 << 20
)
