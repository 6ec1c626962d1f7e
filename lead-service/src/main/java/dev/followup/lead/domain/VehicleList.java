package dev.followup.lead.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.lead.kafka.VehicleOfInterest;

/** A lead's vehicles of interest, stored as a JSON array on the lead row. */
@ApplicationScoped
public class VehicleList {
    private static final TypeReference<List<VehicleOfInterest>> TYPE = new TypeReference<>() {
    };
    private final ObjectMapper mapper;

    public VehicleList(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(List<VehicleOfInterest> vehicles) {
        try {
            return mapper.writeValueAsString(vehicles);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write vehicles", e);
        }
    }

    public List<VehicleOfInterest> read(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored vehicles are unreadable", e);
        }
    }

    /** The candidates that are not already among the existing vehicles (same VIN, or same year/make/model/trim/interest). */
    public static List<VehicleOfInterest> notIn(List<VehicleOfInterest> existing, List<VehicleOfInterest> candidates) {
        Set<String> known = new HashSet<>();
        existing.forEach(v -> known.add(identity(v)));
        List<VehicleOfInterest> added = new ArrayList<>();
        for (VehicleOfInterest v : candidates) {
            if (known.add(identity(v))) {
                added.add(v);
            }
        }
        return added;
    }

    private static String identity(VehicleOfInterest v) {
        if (v.vin() != null) {
            return "vin:" + v.vin();
        }
        return String.join("|", Objects.toString(v.year(), ""), lower(v.make()), lower(v.model()), lower(v.trim()),
                Objects.toString(v.interest(), ""));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
