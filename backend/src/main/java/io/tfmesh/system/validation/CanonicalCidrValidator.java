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
			Cidr cidr = Cidr.parse(value);
			if (cidr.prefixLength() == 0) {
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(escape(value + " is every address of the "
						+ (cidr.isIpv4() ? "IPv4" : "IPv6") + " internet, which overlaps everything; name the network itself"))
					.addConstraintViolation();
				return false;
			}
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
