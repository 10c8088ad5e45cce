package dev.autocentric.shared.listing;

import java.util.List;

/**
 * The facts of one vehicle as a dealer sends them (DESIGN.md section 4). Money is in US cents;
 * {@code listed} says whether the dealer offers it to buyers. Built only by
 * {@link VehicleValidator}, so every instance satisfies its rules.
 */
public record Vehicle(
        String vin,
        String stockNumber,
        Condition condition,
        int year,
        String make,
        String model,
        String trim,
        BodyStyle bodyStyle,
        Fuel fuel,
        Drivetrain drivetrain,
        Transmission transmission,
        String exteriorColor,
        String interiorColor,
        int mileage,
        long msrpCents,
        long ePriceCents,
        boolean listed,
        List<String> photos,
        List<String> options) {

    public Vehicle {
        photos = photos == null ? List.of() : List.copyOf(photos);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
