package io.tfmesh.plan.compile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names of the Services that import a remote service: a DNS-1035 label (lower-case letters,
 * digits and '-', starting with a letter, ending with a letter or digit, at most 63
 * characters), the same for the same service and cluster in every plan.
 */
final class ImportedNames {

	static final int MAX_LENGTH = 63;

	private ImportedNames() {
	}

	/** {@code orders} of {@code gcp-west} is imported as {@code orders-gcp-west}. */
	static String service(String service, String cluster) {
		String wanted = service + "-" + cluster;
		String label = label(wanted);
		if (label.length() <= MAX_LENGTH && label.equals(wanted)) {
			return label;
		}
		// a name that had to be changed or cut gets a hash of the original, so two do not meet
		String hash = hash(wanted);
		String head = label.substring(0, Math.min(label.length(), MAX_LENGTH - hash.length() - 1));
		head = head.replaceAll("-+$", "");
		return head + "-" + hash;
	}

	/** A label value Kubernetes accepts, for the labels that tie an imported Service to its intent. */
	static String labelValue(String text) {
		String value = text.replaceAll("[^A-Za-z0-9._-]", "-");
		value = value.substring(0, Math.min(value.length(), MAX_LENGTH));
		return value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
	}

	private static String label(String text) {
		String label = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-");
		label = label.replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
		return label.isEmpty() ? "svc" : label;
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
