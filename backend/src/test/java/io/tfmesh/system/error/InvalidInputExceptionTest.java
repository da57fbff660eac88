package io.tfmesh.system.error;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidInputExceptionTest {

	@Test
	void listsEachProblemOnce() {
		FieldProblem same = new FieldProblem("name", "is required");

		assertThat(new InvalidInputException(List.of(same, same, new FieldProblem("region", "is required"))).problems())
			.containsExactly(same, new FieldProblem("region", "is required"));
	}

	@Test
	void listsAtMostTheCapAndSaysHowManyMoreThereAre() {
		List<FieldProblem> many = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			many.add(new FieldProblem("underlayCidrs[" + i + "]", "overlaps"));
		}

		List<FieldProblem> listed = new InvalidInputException(many).problems();

		assertThat(listed).hasSize(InvalidInputException.MAX_PROBLEMS + 1);
		assertThat(listed.get(0).field()).isEqualTo("underlayCidrs[0]");
		assertThat(listed.get(listed.size() - 1))
			.isEqualTo(new FieldProblem("body", (10_000 - InvalidInputException.MAX_PROBLEMS) + " more problems are not listed"));
	}

}
