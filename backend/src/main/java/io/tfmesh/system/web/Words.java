package io.tfmesh.system.web;

/**
 * Counted nouns in plain words, for pages and messages: {@code 1 block}, {@code 2 blocks},
 * never {@code 2 block(s)}. Pages call it as {@code ${T(io.tfmesh.system.web.Words).count(n, 'block')}}.
 */
public final class Words {

	private Words() {
	}

	/** The count and the noun, in the plural unless the count is one; the plural adds an s. */
	public static String count(long count, String noun) {
		return count(count, noun, noun + "s");
	}

	/** The count and the noun, singular or plural as the count wants. */
	public static String count(long count, String singular, String plural) {
		return count + " " + ((count == 1) ? singular : plural);
	}

}
