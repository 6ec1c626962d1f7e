package dev.followup.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a REST resource or method as operations-only: the caller must send {@code Authorization: Bearer
 * <admin token>} (configuration {@code followup.admin-token}, from {@code ADMIN_TOKEN}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {
}
