import { expect, test } from "vitest";
import { submissionErrors } from "./submission-errors";

const questions = [
  { id: "n1", name: "Name", label: "Your name", required: true },
  { id: "q1", name: "Qty", label: "How many?", required: false },
  { id: "e1", name: "Email", label: "Email", required: true },
];

test("required questions left empty get their message beside them", () => {
  const state = submissionErrors({ message: 'Required: "Your name", "Email"', details: { fields: ["Your name", "Email"] } }, questions);
  expect(state.fieldErrors).toEqual({ f_n1: "This question is required", f_e1: "This question is required" });
  expect(state.formError).toMatch(/see the messages/);
});

test("a value of the wrong kind is shown beside its field, without the field's name repeated", () => {
  const state = submissionErrors({ message: 'Field "Qty": expected a number', details: { field: "Qty", row: 0 } }, questions);
  expect(state.fieldErrors).toEqual({ f_q1: "Expected a number" });
});

test("an error naming no question is about the whole form", () => {
  expect(submissionErrors({ message: "Too many requests; try again in 30 s", details: { retryAfterSeconds: 30 } }, questions)).toEqual({
    formError: "Too many requests; try again in 30 s",
  });
  expect(submissionErrors({ message: 'Field "Secret" is not on this form', details: { field: "Secret" } }, questions)).toEqual({
    formError: 'Field "Secret" is not on this form',
  });
});
