package io.tfmesh.preflight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Kubernetes quantity ({@code 16265368Ki}, {@code 64Gi}, {@code 68719476736},
 * {@code 128974848e3}) as bytes, with the suffixes of apimachinery's {@code resource.Quantity}.
 */
final class Quantities {

	private static final Pattern QUANTITY = Pattern
		.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?[0-9]{1,3})?");

	private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

	private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
			Map.entry("Mi", BigDecimal.valueOf(1L << 20)), Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
			Map.entry("Ti", BigDecimal.valueOf(1L << 40)), Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
			Map.entry("Ei", BigDecimal.valueOf(1L << 60)), Map.entry("m", new BigDecimal("0.001")),
			Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
			Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
			Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)));

	private Quantities() {
	}

	/** The quantity in bytes, empty when it is not a quantity. */
	static Optional<BigDecimal> bytes(String quantity) {
		Matcher matcher = QUANTITY.matcher(quantity.strip());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		BigDecimal number = new BigDecimal(matcher.group(1));
		String suffix = matcher.group(2);
		if (suffix == null) {
			return Optional.of(number);
		}
		if (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') {
			return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
		}
		return Optional.of(number.multiply(SUFFIXES.get(suffix)));
	}

	/** Bytes as GiB with one decimal, rounded down so that 31.99 GiB never reads as 32. */
	static String gib(BigDecimal bytes) {
		return bytes.divide(GIB, 1, RoundingMode.DOWN).toPlainString() + " GiB";
	}

	static boolean atLeastGib(BigDecimal bytes, int gib) {
		return bytes.compareTo(GIB.multiply(BigDecimal.valueOf(gib))) >= 0;
	}

}
