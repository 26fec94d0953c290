package main

// Expiry commands.
var expireCommands = []*command{}
