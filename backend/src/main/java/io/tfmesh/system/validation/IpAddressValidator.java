package io.tfmesh.system.validation;

import io.tfmesh.net.IpAddresses;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class IpAddressValidator implements ConstraintValidator<IpAddress, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || IpAddresses.isValid(value);
	}

}
