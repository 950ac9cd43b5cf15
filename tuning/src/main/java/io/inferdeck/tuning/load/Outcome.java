package io.inferdeck.tuning.load;

/** How a request ended. Every sent request ends in exactly one: sent = ok + error + timeout. */
public enum Outcome { OK, ERROR, TIMEOUT }
