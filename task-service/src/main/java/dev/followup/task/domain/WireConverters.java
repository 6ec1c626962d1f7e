package dev.followup.task.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the enums under their wire names, so the table reads like the contracts. */
public final class WireConverters {
    private WireConverters() {
    }

    @Converter(autoApply = true)
    public static class KindConverter implements AttributeConverter<TaskKind, String> {
        @Override
        public String convertToDatabaseColumn(TaskKind kind) {
            return kind == null ? null : kind.wire();
        }

        @Override
        public TaskKind convertToEntityAttribute(String wire) {
            return wire == null ? null : TaskKind.fromWire(wire);
        }
    }

    @Converter(autoApply = true)
    public static class StatusConverter implements AttributeConverter<TaskStatus, String> {
        @Override
        public String convertToDatabaseColumn(TaskStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public TaskStatus convertToEntityAttribute(String wire) {
            return wire == null ? null : TaskStatus.fromWire(wire);
        }
    }

    @Converter(autoApply = true)
    public static class OutcomeConverter implements AttributeConverter<Outcome, String> {
        @Override
        public String convertToDatabaseColumn(Outcome outcome) {
            return outcome == null ? null : outcome.wire();
        }

        @Override
        public Outcome convertToEntityAttribute(String wire) {
            return wire == null ? null : Outcome.fromWire(wire).orElseThrow();
        }
    }

    @Converter(autoApply = true)
    public static class RoleConverter implements AttributeConverter<Role, String> {
        @Override
        public String convertToDatabaseColumn(Role role) {
            return role == null ? null : role.wire();
        }

        @Override
        public Role convertToEntityAttribute(String wire) {
            return wire == null ? null : Role.fromWire(wire);
        }
    }
}
