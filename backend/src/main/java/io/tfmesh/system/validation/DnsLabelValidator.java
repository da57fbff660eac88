package io.tfmesh.system.validation;

import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class DnsLabelValidator implements ConstraintValidator<DnsLabel, String> {

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || LABEL.matcher(value).matches();
	}

}
