package dev.roundup.listings;

/** Where a submitted project or job stands. Only published listings are shown or offered to a draft. */
public enum ListingStatus {
    PENDING, PUBLISHED, REJECTED;

    /** Which moderation step is allowed from here: any listing can be approved or rejected again, never un-submitted. */
    public boolean canBecome(ListingStatus next) {
        return next != PENDING && next != this;
    }

    public String label() {
        return name().toLowerCase();
    }
}
