package io.tfmesh.preflight;

import java.util.List;

/**
 * Whether a version a node reports is one a rule allows. An entry allows itself and the builds
 * named after it ({@code 3.10.0-862.14.4} allows {@code 3.10.0-862.14.4.el7.x86_64}, {@code 1.28}
 * allows {@code v1.28.15}), never a version that merely starts with the same characters
 * ({@code 3.10.0-862.1} does not allow {@code 3.10.0-862.14.4}).
 */
final class AllowedVersions {

	private AllowedVersions() {
	}

	static boolean allows(List<String> allowed, String reported) {
		String version = withoutV(reported.strip());
		return allowed.stream().map(entry -> withoutV(entry.strip())).anyMatch(entry -> allows(entry, version));
	}

	private static boolean allows(String entry, String version) {
		if (!version.startsWith(entry)) {
			return false;
		}
		if (version.length() == entry.length()) {
			return true;
		}
		char next = version.charAt(entry.length());
		return next == '.' || next == '-' || next == '+' || next == '_';
	}

	/** kubelets report {@code v1.28.15}, the support matrices say {@code 1.28.15}. */
	private static String withoutV(String version) {
		return (version.length() > 1 && (version.charAt(0) == 'v' || version.charAt(0) == 'V')
				&& Character.isDigit(version.charAt(1))) ? version.substring(1) : version;
	}

}
