package io.tfmesh.system.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordsTest {

	@Test
	void oneIsSingularAndEveryOtherCountPlural() {
		assertThat(Words.count(1, "block")).isEqualTo("1 block");
		assertThat(Words.count(0, "block")).isEqualTo("0 blocks");
		assertThat(Words.count(2, "member")).isEqualTo("2 members");
		assertThat(Words.count(3, "minute")).isEqualTo("3 minutes");
	}

	@Test
	void anIrregularPluralIsGiven() {
		assertThat(Words.count(1, "entry", "entries")).isEqualTo("1 entry");
		assertThat(Words.count(4, "entry", "entries")).isEqualTo("4 entries");
	}

}
