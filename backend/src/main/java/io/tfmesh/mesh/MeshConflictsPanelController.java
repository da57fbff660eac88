package io.tfmesh.mesh;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The conflicts panel of a mesh's page on its own, which the page asks for again every few
 * seconds: observations and allocations change conflicts while the page is open.
 */
@Controller
class MeshConflictsPanelController {

	private final MeshService meshes;

	private final ConflictFinder conflicts;

	MeshConflictsPanelController(MeshService meshes, ConflictFinder conflicts) {
		this.meshes = meshes;
		this.conflicts = conflicts;
	}

	@GetMapping("/meshes/{id}/conflicts-panel")
	String conflicts(@PathVariable long id, Model model) {
		MeshView mesh = meshes.get(id);
		model.addAttribute("mesh", mesh);
		model.addAttribute("conflicts", conflicts.find(mesh));
		return "meshes/detail :: conflicts";
	}

}
