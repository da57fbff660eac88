package io.tfmesh.inventory;

import java.util.Map;

import io.tfmesh.system.error.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster form parses what it can and names every line it cannot, without stopping at the first. */
class ClusterFormTest {

	@Test
	void everyUnparsableValueIsNamedAndTheRestStillReachesTheRequest() {
		ClusterForm form = new ClusterForm();
		form.setName("aws-east");
		form.setBgpAsn("sixty-four");
		form.setLabels("env=prod\nteam\nzone = a\nbroken");

		assertThat(form.parseProblems()).containsExactly(
				new FieldProblem("bgpAsn", "'sixty-four' is not a number; an ASN is 1 to 4294967295"),
				new FieldProblem("labels", "line 2: 'team' is not key=value"),
				new FieldProblem("labels", "line 4: 'broken' is not key=value"));
		ClusterRequest request = form.toRequest();
		assertThat(request.name()).isEqualTo("aws-east");
		assertThat(request.labels()).containsExactly(Map.entry("env", "prod"), Map.entry("zone", "a"));
	}

	@Test
	void aFormThatParsesHasNoProblemsOfItsOwn() {
		ClusterForm form = new ClusterForm();
		form.setBgpAsn(" 64512 ");
		form.setLabels("env=prod");

		assertThat(form.parseProblems()).isEmpty();
		assertThat(form.toRequest().bgpAsn()).isEqualTo(64512L);
	}

}
