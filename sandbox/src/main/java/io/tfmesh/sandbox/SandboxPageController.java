package io.tfmesh.sandbox;

import io.tfmesh.system.error.NotFoundException;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@Profile("sandbox")
@RequestMapping("/sandbox")
class SandboxPageController {

	private final Sandbox sandbox;

	SandboxPageController(Sandbox sandbox) {
		this.sandbox = sandbox;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("clusters", sandbox.clusters().stream().map(SandboxView::of).toList());
		return "sandbox/sandbox";
	}

	/** One emulated cluster's processes, which the page asks for again every few seconds. */
	@GetMapping("/{name}/status")
	String status(@PathVariable String name, Model model) {
		model.addAttribute("c", SandboxView.of(cluster(name)));
		return "sandbox/sandbox :: status(c=${c})";
	}

	@PostMapping("/reset")
	String reset(RedirectAttributes redirect) {
		sandbox.reset();
		redirect.addFlashAttribute("message", "The seed story is back in every emulated cluster.");
		return "redirect:/sandbox";
	}

	@PostMapping("/{name}/faults")
	String fault(@PathVariable String name, @RequestParam String target,
			@RequestParam(defaultValue = "false") boolean down, @RequestParam(defaultValue = "0") long latencyMs,
			@RequestParam(defaultValue = "0") double errorRate, RedirectAttributes redirect) {
		if (!target.matches("kubernetes|tungsten-fabric|introspect") || latencyMs < 0 || latencyMs > 120_000
				|| errorRate < 0 || errorRate > 1) {
			redirect.addFlashAttribute("error",
					"A fault needs a target (kubernetes, tungsten-fabric or introspect), a latency of 0 to 120000 ms and an error share of 0 to 1.");
			return "redirect:/sandbox";
		}
		cluster(name).fault(FaultRequest.of(target, down, latencyMs, errorRate));
		redirect.addFlashAttribute("message",
				down || latencyMs > 0 || errorRate > 0 ? "Fault set on " + target + " of " + name + "."
						: "Faults of " + target + " of " + name + " cleared.");
		return "redirect:/sandbox";
	}

	@PostMapping("/{name}/processes")
	String process(@PathVariable String name, @RequestParam String node, @RequestParam String process,
			@RequestParam String state, @RequestParam(defaultValue = "") String description,
			RedirectAttributes redirect) {
		EmulatedCluster cluster = cluster(name);
		String[] podAndService = process.split("/", 2);
		if (podAndService.length != 2 || !cluster.hasService(node, podAndService[0], podAndService[1])
				|| !state.matches("Functional|Non-Functional") || description.length() > 500) {
			redirect.addFlashAttribute("error", "Choose a node, one of its processes, and Functional or Non-Functional.");
			return "redirect:/sandbox";
		}
		cluster.processState(node, podAndService[0], podAndService[1], state, description.strip());
		redirect.addFlashAttribute("message", process + " on " + node + " now reports " + state + ".");
		return "redirect:/sandbox";
	}

	@PostMapping("/{name}/containers")
	String container(@PathVariable String name, @RequestParam String node, @RequestParam String container,
			@RequestParam(defaultValue = "false") boolean crashLooping, RedirectAttributes redirect) {
		EmulatedCluster cluster = cluster(name);
		try {
			if (!cluster.nodes().containsKey(node)) {
				throw new IllegalArgumentException(node);
			}
			cluster.crashLoop(node, container.strip(), crashLooping);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", "Choose a node and the name of one of its TF containers, such as config-zookeeper.");
			return "redirect:/sandbox";
		}
		redirect.addFlashAttribute("message", container + " on " + node
				+ (crashLooping ? " now crash-loops (CrashLoopBackOff)." : " runs again."));
		return "redirect:/sandbox";
	}

	private EmulatedCluster cluster(String name) {
		return sandbox.cluster(name).orElseThrow(() -> new NotFoundException("sandbox cluster", name));
	}

}
