package dev.followup.lead.kafka;

import java.math.BigDecimal;

/** A vehicle as carried by lead.created.v1 and lead.merged.v1 (VIN only when 17 valid characters). */
public record VehicleOfInterest(Integer year, String make, String model, String trim, String vin, String stock,
        BigDecimal price, String condition, String interest) {
}
