package dev.autocentric.shared.listing;

/** Sale condition; CPO is certified pre-owned. */
public enum Condition {
    NEW, USED, CPO
}
