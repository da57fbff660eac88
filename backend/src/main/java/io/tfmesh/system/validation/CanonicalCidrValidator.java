package io.tfmesh.system.validation;

import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class CanonicalCidrValidator implements ConstraintValidator<CanonicalCidr, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		try {
			Cidr.parse(value);
			return true;
		}
		catch (InvalidCidrException ex) {
			context.disableDefaultConstraintViolation();
			// the message is data, not a template: escape what the interpolator would read
			context.buildConstraintViolationWithTemplate(escape(ex.getMessage())).addConstraintViolation();
			return false;
		}
	}

	static String escape(String message) {
		return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
	}

}
