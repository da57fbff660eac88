package io.tfmesh.system.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** The string, when present, is a DNS label (RFC 1123), as Kubernetes requires of names. */
@Documented
@Constraint(validatedBy = DnsLabelValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface DnsLabel {

	String message() default "must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
