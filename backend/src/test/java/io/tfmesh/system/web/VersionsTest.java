package io.tfmesh.system.web;

import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.PreconditionRequiredException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionsTest {

	@Test
	void ifMatchWinsOverTheBody() {
		assertThat(Versions.expected("\"4\"", 2L)).isEqualTo(4);
		assertThat(Versions.expected(null, 2L)).isEqualTo(2);
		assertThat(Versions.expected(" ", 3L)).isEqualTo(3);
	}

	@Test
	void anUpdateWithoutAnyVersionIsRefused() {
		assertThatThrownBy(() -> Versions.expected(null, null)).isInstanceOf(PreconditionRequiredException.class);
	}

	@Test
	void aMalformedIfMatchNamesTheHeader() {
		assertThatThrownBy(() -> Versions.parse("\"abc\"")).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.problems()).extracting("field").containsExactly("If-Match"));
	}

	@Test
	void weakOrWildcardIfMatchIsRefused() {
		assertThatThrownBy(() -> Versions.expected("W/\"5\"", null)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> Versions.expected("*", 5L)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void etagsAreStrongAndQuoted() {
		assertThat(Versions.etag(7)).isEqualTo("\"7\"");
	}

}
