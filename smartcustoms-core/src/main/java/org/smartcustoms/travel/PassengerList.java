package org.smartcustoms.travel;

import java.time.LocalDate;
import java.util.List;

/** An airline's advance passenger information for one arriving flight. */
public record PassengerList(String flight, LocalDate arrivalDate, List<Passenger> passengers) {
    public PassengerList {
        flight = Flights.normalise(flight);
        java.util.Objects.requireNonNull(arrivalDate, "arrival date is required");
        passengers = List.copyOf(passengers);
    }
}
