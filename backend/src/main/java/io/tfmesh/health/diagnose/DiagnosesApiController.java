package io.tfmesh.health.diagnose;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clusters/{id}")
@Tag(name = "Health", description = "contrail-status of every node of every cluster, polled on a schedule")
class DiagnosesApiController {

	private final DiagnosisService diagnoses;

	DiagnosesApiController(DiagnosisService diagnoses) {
		this.diagnoses = diagnoses;
	}

	@GetMapping("/diagnoses")
	@Operation(summary = "The known failures recognised in the cluster's readings, each with cause, evidence and a fix",
			description = "Built from the latest readings and the latest observation; a reading served as unknown "
					+ "backs no cause.")
	List<Finding> diagnoses(@PathVariable long id) {
		return diagnoses.findings(id);
	}

}
