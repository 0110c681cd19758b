// The room the violation reaches.
