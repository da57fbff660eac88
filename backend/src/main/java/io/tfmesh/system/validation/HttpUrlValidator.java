package io.tfmesh.system.validation;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class HttpUrlValidator implements ConstraintValidator<HttpUrl, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		String problem = problem(value);
		if (problem == null) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(CanonicalCidrValidator.escape(problem)).addConstraintViolation();
		return false;
	}

	/** Why the text is not acceptable as an endpoint URL, or null when it is. */
	static String problem(String value) {
		// messages never quote the value: a URL may carry a password
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			return "is not a URL (" + ex.getReason()
					+ (ex.getIndex() >= 0 ? " at character " + (ex.getIndex() + 1) : "") + ")";
		}
		if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			return "must not carry credentials; give them in the credential fields, which are stored encrypted";
		}
		if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
			return "must start with http:// or https://";
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			return "has no host";
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			return "must not have a query or fragment";
		}
		return null;
	}

}
