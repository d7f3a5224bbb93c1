// MaracJournal
