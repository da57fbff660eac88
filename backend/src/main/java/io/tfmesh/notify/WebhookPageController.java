package io.tfmesh.notify;

import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.web.FormErrors;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.RequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/webhooks")
class WebhookPageController {

	private final WebhookService webhooks;

	private final RequestValidator validator;

	WebhookPageController(WebhookService webhooks, RequestValidator validator) {
		this.webhooks = webhooks;
		this.validator = validator;
	}

	@GetMapping
	String list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			Model model) {
		model.addAttribute("webhooks", webhooks.list(PageQuery.of(page, size)));
		return "webhooks/list";
	}

	@GetMapping("/new")
	String createForm(Model model) {
		model.addAttribute("form", new WebhookForm());
		return form(model, null);
	}

	@PostMapping
	String create(@ModelAttribute("form") WebhookForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		return FormErrors.attempt(result, WebhookForm.FIELDS, () -> {
			WebhookRequest request = form.toRequest();
			validator.check(request);
			return webhooks.create(request);
		}).map(webhook -> {
			redirect.addFlashAttribute("message", "Webhook " + webhook.name() + " was created.");
			return "redirect:/webhooks/" + webhook.id();
		}).orElseGet(() -> form(model, null));
	}

	/** @param state shows only the deliveries in that state */
	@GetMapping("/{id}")
	String detail(@PathVariable long id, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
		String filter = state == null || state.isBlank() ? null : state;
		model.addAttribute("webhook", webhooks.get(id));
		model.addAttribute("state", filter);
		model.addAttribute("deliveries", webhooks.deliveries(id, filter, PageQuery.of(page, size)));
		return "webhooks/detail";
	}

	@GetMapping("/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		WebhookView webhook = webhooks.get(id);
		model.addAttribute("form", WebhookForm.of(webhook));
		return form(model, webhook);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") WebhookForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		WebhookView current = webhooks.get(id);
		return FormErrors.attempt(result, WebhookForm.FIELDS, () -> {
			WebhookRequest request = form.toRequest();
			validator.check(request);
			return webhooks.update(id, request, form.getVersion() == null ? -1 : form.getVersion());
		}).map(webhook -> {
			redirect.addFlashAttribute("message", "Webhook " + webhook.name() + " was saved.");
			return "redirect:/webhooks/" + id;
		}).orElseGet(() -> form(model, current));
	}

	@GetMapping("/{id}/delete")
	String confirmDelete(@PathVariable long id, Model model) {
		model.addAttribute("webhook", webhooks.get(id));
		return "webhooks/delete";
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		WebhookView webhook = webhooks.get(id);
		webhooks.delete(id);
		redirect.addFlashAttribute("message", "Webhook " + webhook.name() + " was deleted.");
		return "redirect:/webhooks";
	}

	@PostMapping("/{id}/test")
	String test(@PathVariable long id, RedirectAttributes redirect) {
		try {
			webhooks.sendTest(id);
			redirect.addFlashAttribute("message",
					"A test event was queued; its delivery appears below within a few seconds.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/webhooks/" + id;
	}

	private String form(Model model, @Nullable WebhookView webhook) {
		model.addAttribute("webhook", webhook);
		model.addAttribute("eventTypes", EventType.values());
		return "webhooks/form";
	}

}
