// MaracTerminal
