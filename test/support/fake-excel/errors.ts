/**
 * Errors shaped like Office.js's `OfficeExtension.Error` ("RichApi.Error"): a `code`, a
 * `message` and `debugInfo`. The messages are the ones the real runtime
 * (@microsoft/office-js, excel-web-16.00.debug.js) uses; where Excel's own wording is not in
 * the runtime, a "(fake: …)" suffix explains what the fake objected to.
 */
export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: string;
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation?: string };

  /** `message` is "<code>: <Office.js message>"; `debugInfo.message` is the Office.js message alone. */
  constructor(code: string, message: string, errorLocation?: string) {
    super(`${code}: ${message}`);
    this.code = code;
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
  }
}

export function propertyNotLoaded(className: string, property: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${className}.${property}`,
  );
}

/** Stricter than Office.js, which returns undefined here: a null object has no property values. */
export function nullObjectRead(className: string, property: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available: this ${className} is a null object (isNullObject is true), so it has no property values. (fake: Office.js would return undefined)`,
    `${className}.${property}`,
  );
}

export function apiNotFound(member: string, version: string): FakeOfficeError {
  return new FakeOfficeError(
    "ApiNotFound",
    `The method or property ${member} is part of the ExcelApi ${version} requirement set, which is not available in your version of Excel.`,
    member,
  );
}

export function invalidArgument(detail: string, location?: string): FakeOfficeError {
  return new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. (fake: ${detail})`, location);
}

export function itemNotFound(detail: string, location?: string): FakeOfficeError {
  return new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (fake: ${detail})`, location);
}

export function itemAlreadyExists(detail: string, location?: string): FakeOfficeError {
  return new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists. (fake: ${detail})`, location);
}

export function invalidOperation(detail: string, location?: string): FakeOfficeError {
  return new FakeOfficeError("InvalidOperation", `The operation is not permitted on this object. (fake: ${detail})`, location);
}

export function invalidObjectPath(expression: string): FakeOfficeError {
  return new FakeOfficeError(
    "InvalidObjectPath",
    `The object path '${expression}' isn't working for what you're trying to do. If you're using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object's lifetime.`,
    expression,
  );
}

const LIMITS_DOC = "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins";

export function requestTooLarge(bytes: number, limit: number): FakeOfficeError {
  return new FakeOfficeError(
    "RequestPayloadSizeLimitExceeded",
    `The request payload size has exceeded the limit. Please refer to the documentation: "${LIMITS_DOC}". (fake: ${bytes} bytes > ${limit})`,
  );
}

export function responseTooLarge(bytes: number, limit: number): FakeOfficeError {
  return new FakeOfficeError(
    "ResponsePayloadSizeLimitExceeded",
    `The response payload size has exceeded the limit. Please refer to the documentation: "${LIMITS_DOC}". (fake: ${bytes} bytes > ${limit})`,
  );
}

export function runMustReturnPromise(): FakeOfficeError {
  return new FakeOfficeError(
    "RunMustReturnPromise",
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  );
}

/** Not an Office.js error: the test used a member or case this fake does not model. */
export function notModelled(what: string): Error {
  return new Error(`FakeExcel: ${what} is not modelled by the fake Excel API (test/support/fake-excel). Extend the fake, or avoid it.`);
}
