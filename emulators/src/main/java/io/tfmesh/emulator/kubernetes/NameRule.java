package io.tfmesh.emulator.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules object names must follow, with the messages of
 * {@code staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go}.
 */
enum NameRule {

	/** Most objects: {@code IsDNS1123Subdomain}. */
	SUBDOMAIN(253, "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
			"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
			"'example.com'"),

	/** Namespaces: {@code IsDNS1123Label}. */
	LABEL(63, "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
			"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
			"'my-name',  or '123-abc'"),

	/** Services, whose names become DNS labels: {@code IsDNS1035Label}. */
	DNS1035_LABEL(63, "[a-z]([-a-z0-9]*[a-z0-9])?",
			"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
			"'my-name',  or 'abc-123'");

	private final int maxLength;

	private final String format;

	private final Pattern pattern;

	private final String message;

	private final String examples;

	NameRule(int maxLength, String format, String message, String examples) {
		this.maxLength = maxLength;
		this.format = format;
		this.pattern = Pattern.compile(format);
		this.message = message;
		this.examples = examples;
	}

	/** @return what is wrong with the name, nothing when it is valid */
	List<String> problems(String name) {
		List<String> problems = new ArrayList<>();
		if (name.length() > maxLength) {
			problems.add("must be no more than " + maxLength + " characters");
		}
		if (!pattern.matcher(name).matches()) {
			problems.add(message + " (e.g. " + examples + ", regex used for validation is '" + format + "')");
		}
		return problems;
	}

}
