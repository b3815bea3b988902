/** A Salesforce API error: answered as HTTP `status` with body [{ message, errorCode }]. */
export class ApiError extends Error {
  constructor(errorCode, message, status = 400, extra = {}) {
    super(message);
    this.errorCode = errorCode;
    this.status = status;
    this.extra = extra;
  }

  toBody() {
    return [{ message: this.message, errorCode: this.errorCode, ...this.extra }];
  }
}

export const notFound = () => new ApiError('NOT_FOUND', 'The requested resource does not exist', 404);
