package org.smartcustoms.server.travel;

/** The enforcement seizure record created for a gate event's result ({@link TravellerSeizureRecorded}). */
public record TravellerSeizureLinked(long gateEventId, String seizureId) { }
