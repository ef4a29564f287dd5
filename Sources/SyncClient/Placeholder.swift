import CaseModel
