package dev.autocentric.search;

import dev.autocentric.shared.listing.Listing;

/** A listing that matches a search, with its distance from the buyer when a ZIP was given. */
public record Hit(Listing listing, Double distanceMiles) {
}
