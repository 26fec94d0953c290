package main

// activeExpireCycle deletes expired keys that no client touches (Redis's
// activeExpireCycle). It runs in the loop's cron.
func (s *server) activeExpireCycle() {}
