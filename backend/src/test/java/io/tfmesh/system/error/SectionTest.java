package io.tfmesh.system.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A missing object's 404 page leads back to the list its path belongs to. */
class SectionTest {

	@Test
	void aPathBelongsToTheListItStartsWith() {
		assertThat(Section.of("/clusters/42")).isEqualTo(new Section("/clusters", "clusters"));
		assertThat(Section.of("/users/7/edit")).isEqualTo(new Section("/users", "users"));
		assertThat(Section.of("/plans")).isEqualTo(new Section("/plans", "plans"));
	}

	@Test
	void aPathOutsideEveryListBelongsToNone() {
		assertThat(Section.of("/clustersx/1")).isNull();
		assertThat(Section.of("/nowhere")).isNull();
		assertThat(Section.of("/")).isNull();
	}

}
