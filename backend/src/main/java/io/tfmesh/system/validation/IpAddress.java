package io.tfmesh.system.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The string, when present, is an IP address. */
@Documented
@Constraint(validatedBy = IpAddressValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface IpAddress {

	String message() default "is not an IP address";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
