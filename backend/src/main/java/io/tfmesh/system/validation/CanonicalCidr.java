package io.tfmesh.system.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The string, when present, is a canonical CIDR of a real network: a catch-all such as
 * {@code 0.0.0.0/0} or {@code ::/0} names no network and would overlap every other one.
 */
@Documented
@Constraint(validatedBy = CanonicalCidrValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface CanonicalCidr {

	String message() default "is not a canonical CIDR";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
