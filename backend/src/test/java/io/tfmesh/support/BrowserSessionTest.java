package io.tfmesh.support;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BrowserSessionTest {

	@Test
	void aMissingBrowserFailsUnderCi() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> BrowserSession.requireBrowser("true", false))
			.withMessageContaining("required when CI is set");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> BrowserSession.requireBrowser("1", false));
	}

	@Test
	void aMissingBrowserSkipsOutsideCi() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> BrowserSession.requireBrowser(null, false));
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> BrowserSession.requireBrowser("false", false));
	}

	@Test
	void anInstalledBrowserRunsEverywhere() {
		assertThatCode(() -> BrowserSession.requireBrowser("true", true)).doesNotThrowAnyException();
		assertThatCode(() -> BrowserSession.requireBrowser(null, true)).doesNotThrowAnyException();
	}

}
